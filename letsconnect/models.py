"""Site-wide tables: tasks kept in the database while the broker (Redis) cannot be reached."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DeferredTask(models.Model):
    """A Celery task that could not be queued because the broker was down: replayed once it is back.

    Written after the request's own transaction committed, so the request still succeeds (an RSVP is saved and
    confirmed on the page); `letsconnect.replay_deferred_tasks` (beat, every minute) queues it again."""

    name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class UndeliveredEmail(models.Model):
    """An email the site gave up on: the mail server refused it for good (5xx) or failed on every retry.

    Written by `letsconnect.email_tasks.EmailTask`; liaisons read them in the admin. The task's arguments are ids,
    and the server's answer is kept without the addresses it names, so a row says nothing private once the
    account is erased."""

    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list)
    kwargs = models.JSONField(_("keyword arguments"), default=dict)
    attempts = models.PositiveSmallIntegerField(_("attempts"))
    permanent = models.BooleanField(_("refused for good"), help_text=_("A 5xx answer: not retried."))
    error = models.CharField(_("the mail server's answer"), max_length=300)
    failed_at = models.DateTimeField(_("given up at"), default=timezone.now)

    class Meta:
        ordering = ["-failed_at"]
        verbose_name = _("undelivered email")
        verbose_name_plural = _("undelivered emails")

    def __str__(self):
        return f"{self.task} {self.args}"
