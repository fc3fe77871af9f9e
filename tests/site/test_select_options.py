"""`<select>` options written in Python (letsconnect/templatetags/select_options.py) give the HTML Django's own
option template gives: values, labels, groups, selection and attributes, escaped the same way."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.test.html import parse_html


class Chooser(forms.Form):
    plain = forms.ChoiceField(choices=[("a", "Alpha"), ("<b>", 'Tom & "Jerry" <script>'), ("c", "Ça")])
    grouped = forms.MultipleChoiceField(
        choices=[("Europe", [("fr", "France"), ("de", "Germany")]), ("<Asia>", [("jp", "Japan")]), ("x", "None")]
    )


def _rendered(renderer=None):
    form = Chooser(data={"plain": "<b>", "grouped": ["de", "jp"]}, renderer=renderer)
    form.fields["plain"].widget.attrs["data-note"] = 'a"b'
    return str(form["plain"]), str(form["grouped"])


def test_python_written_options_are_the_html_of_djangos_option_template():
    ours = _rendered()
    djangos = _rendered(DjangoTemplates())

    assert [parse_html(html) for html in ours] == [parse_html(html) for html in djangos]
    assert "Tom &amp; &quot;Jerry&quot; &lt;script&gt;" in ours[0]
    assert '<option value="&lt;b&gt;" selected>' in ours[0]
    assert '<optgroup label="&lt;Asia&gt;">' in ours[1]
    assert '<option value="de" selected>Germany</option>' in ours[1]


def test_a_widget_with_an_option_template_of_its_own_keeps_it(settings, tmp_path):
    folder = tmp_path / "widgets"
    folder.mkdir()
    (folder / "star_option.html").write_text('<option value="{{ widget.value }}">★ {{ widget.label }}</option>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]

    class StarSelect(forms.Select):
        option_template_name = "widgets/star_option.html"

    html = StarSelect(choices=[("1", "One")]).render("rating", "1")

    assert '<option value="1">★ One</option>' in html
