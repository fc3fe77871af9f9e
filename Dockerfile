# One image for the web, worker and beat processes (see docker-compose.yml and the Procfile).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext fonts-noto-core fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN DJANGO_DEBUG=1 python manage.py compilemessages -v0 \
 && DJANGO_DEBUG=0 SECRET_KEY=build-only python manage.py collectstatic --noinput -v0
USER nobody
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "letsconnect.wsgi"]
