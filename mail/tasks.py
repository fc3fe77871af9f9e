"""Celery tasks of the outbox: the sender, started after a commit that wrote rows and by beat's sweep."""

from celery import shared_task

from . import sender


@shared_task(bind=True, name="mail.send_due")
def send_due(self):
    """Send what is due for up to `MAIL_TASK_SECONDS`, then hand over to a fresh task if more is due.

    Beat runs it every `MAIL_SWEEP_SECONDS` too: it takes over the rows of a sender that died once their lease
    ended, whatever became of that sender's task in the broker. Safe to run any number of times at once."""
    outcome = sender.send_due()
    if outcome.more and not self.request.is_eager:
        routing_key = (self.request.delivery_info or {}).get("routing_key")
        send_due.apply_async(queue=routing_key) if routing_key else send_due.apply_async()
    return outcome.sent
