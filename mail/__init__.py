"""The outbox: every email the site sends is a row here, sent by one sender under one SMTP policy."""
