"""The reminder ledger's rows still to send move to the outbox (mail.Email), under the keys the planner uses; the
ledger goes."""

from django.db import migrations

BEFORE = {"24h", "1h"}


def move_pending_reminders(apps, schema_editor):
    Reminder = apps.get_model("clinics", "Reminder")
    Email = apps.get_model("mail", "Email")
    rows = []
    for reminder in Reminder.objects.filter(state__in=["pending", "sending"]).select_related("participant"):
        start = reminder.clinic_start
        if reminder.kind in BEFORE:
            key = f"reminder:{reminder.kind}:{reminder.clinic_id}:{reminder.participant_id}:{int(start.timestamp())}"
        else:
            key = f"{reminder.kind}:{reminder.clinic_id}:{reminder.participant_id}"
        rows.append(
            Email(
                key=key,
                kind="reminder" if reminder.kind in BEFORE else "follow-up",
                recipient_id=reminder.participant.user_id,
                language=reminder.participant.email_language,
                context={
                    "what": reminder.kind,
                    "clinic": reminder.clinic_id,
                    "participant": reminder.participant_id,
                    "start": start.isoformat(),
                },
                state="pending",
                due_at=reminder.due_at,
                expires_at=reminder.expires_at,
                attempts=reminder.attempts,
                last_error=reminder.last_error,
                created_at=reminder.created_at,
            )
        )
    Email.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0009_clinic_previous_start"),
        ("mail", "0001_outbox"),
        ("participants", "0010_profile_privacy_choices"),
    ]

    operations = [
        migrations.RunPython(move_pending_reminders, migrations.RunPython.noop),
        migrations.DeleteModel(name="Reminder"),
    ]
