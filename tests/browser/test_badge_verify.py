"""Checking a badge in a browser: the holder downloads their badge with its Open Badges 3.0 credential and anyone
drops it on the verify page (English); a kept copy of a revoked credential, pasted, shows as revoked (Arabic)."""

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from playwright.sync_api import expect

from badges import services
from badges.models import BadgeClass
from tests.browser.conftest import signed_in_context
from tests.factories import ParticipantFactory


def _sign_with_a_fresh_key(settings):
    settings.BADGES_SIGNING_KEY = (
        Ed25519PrivateKey.generate()
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )
    settings.BADGES_RSA_SIGNING_KEY = settings.BADGES_RETIRED_PUBLIC_KEYS = ""


def checks_on(page):
    """The checks listed, as a screen reader reads them ("Passed:" / "Failed:" are there for it alone)."""
    return [" ".join(text.split()) for text in page.locator(".verify-checks li").all_text_contents()]


def _award():
    return services.award_manually(
        badge=BadgeClass.objects.get(slug="ambassador"),
        participant=ParticipantFactory(display_name="Amani", user__email="amani@example.org"),
        by=None,
        reason="Runs the Swahili clinics",
        notify=False,
    )


def test_a_downloaded_badge_dropped_on_the_verify_page_is_genuine(chromium, live_server, assert_accessible, settings):
    _sign_with_a_fresh_key(settings)
    award = _award()

    context, page = signed_in_context(chromium, live_server, award.participant.user, accept_downloads=True)
    page.goto(f"/en/badges/awards/{award.uuid}/", wait_until="domcontentloaded")  # the link, not the image
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the badge with its Open Badges 3.0 credential (PNG)").click()
    badge = {
        "name": download.value.suggested_filename,
        "mimeType": "image/png",
        "buffer": download.value.path().read_bytes(),
    }
    context.close()  # the download goes with its context: kept as bytes

    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/en/badges/verify/")
    assert_accessible(page)
    page.get_by_label("Email address of the holder (optional)").fill("amani@example.org")
    # Dropped on the drop area, as a person drags it from their files: the page sends the form by itself.
    dropped = page.evaluate_handle(
        """([name, bytes]) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([new Uint8Array(bytes)], name, {type: "image/png"}));
            return transfer;
        }""",
        [badge["name"], list(badge["buffer"])],
    )
    with page.expect_navigation():
        page.dispatch_event(".verify-form__drop", "drop", {"dataTransfer": dropped})

    assert page.get_by_role("heading", level=2, name="Genuine").is_visible()
    checks = checks_on(page)
    assert checks == [
        "Passed: Content: an Open Badges 3.0 credential.",
        checks[1],
        "Passed: Issuer: Let’s Connect.",
        checks[3],
        "Passed: Status: not revoked.",
        "Passed: Holder: issued to this email address.",
    ]
    assert checks[1].startswith("Passed: Signature: valid (EdDSA, key ")
    assert checks[3].startswith("Passed: Validity: valid since ")
    assert_accessible(page)
    context.close()


def test_a_revoked_credential_pasted_on_the_arabic_page_shows_as_revoked(
    chromium, live_server, assert_accessible, settings, client
):
    _sign_with_a_fresh_key(settings)
    award = _award()
    kept = client.get(f"/badges/assertions/{award.uuid}.jwt").content.decode()
    services.revoke(award=award, reason="Given by mistake")

    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/ar/badges/verify/")
    page.get_by_label("أو الصق الاعتماد الرقمي").fill(kept)
    page.get_by_role("button", name="تحقّق").click()

    expect(page.get_by_role("heading", level=2, name="مسحوبة")).to_be_visible()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert checks_on(page)[-1] == "فشل: الحالة: سحبها Let’s Connect."
    assert_accessible(page)
    context.close()
