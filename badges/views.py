"""Badge pages people read: every badge and what earns it, one badge, one award."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from .models import Award, BadgeClass
from .ob3 import keys


def badge_list(request):
    badges = BadgeClass.objects.annotate(holders=Count("awards", filter=Q(awards__revoked_at__isnull=True)))
    return render(request, "badges/list.html", {"badges": badges})


def badge_detail(request, slug):
    badge = get_object_or_404(
        BadgeClass.objects.annotate(holders=Count("awards", filter=Q(awards__revoked_at__isnull=True))), slug=slug
    )
    return render(request, "badges/detail.html", {"badge": badge})


def award_detail(request, uuid):
    """Public to whoever has the link (the holder shares it); it shows the holder's display name and nothing else."""
    award = get_object_or_404(Award.objects.select_related("badge", "participant__user"), uuid=uuid)
    is_holder = request.user.is_authenticated and award.participant.user_id == request.user.pk
    context = {
        "award": award,
        "badge": award.badge,
        "is_holder": is_holder,
        "signed": bool(keys.signing_keys()),
    }
    return render(request, "badges/award.html", context)
