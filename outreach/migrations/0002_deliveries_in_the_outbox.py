"""The announcement and digest ledger's rows still to send move to the outbox (mail.Email), under the keys and
groups the outreach app writes; the ledger goes."""

from django.db import migrations


def move_pending_deliveries(apps, schema_editor):
    Delivery = apps.get_model("outreach", "Delivery")
    Email = apps.get_model("mail", "Email")
    rows = []
    for delivery in Delivery.objects.filter(status="pending").select_related("participant"):
        participant = delivery.participant
        if delivery.announcement_id:
            key = f"announcement:{delivery.announcement_id}:{participant.pk}"
            group, kind = f"announcement:{delivery.announcement_id}", "announcement"
            context = {"announcement": delivery.announcement_id, "participant": participant.pk}
        else:
            month = delivery.digest_month.isoformat()
            key, group, kind = f"digest:{month}:{participant.pk}", f"digest:{month}", "digest"
            context = {"month": month, "participant": participant.pk}
        rows.append(
            Email(
                key=key,
                kind=kind,
                group=group,
                recipient_id=participant.user_id,
                language=participant.email_language,
                context=context,
                state="pending",
                due_at=delivery.created_at,
                attempts=delivery.attempts,
                last_error=delivery.detail,
                created_at=delivery.created_at,
            )
        )
    Email.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0001_initial"),
        ("mail", "0001_outbox"),
        ("participants", "0010_profile_privacy_choices"),
    ]

    operations = [
        migrations.RunPython(move_pending_deliveries, migrations.RunPython.noop),
        migrations.DeleteModel(name="Delivery"),
    ]
