# Build stage: compile wheels into a virtualenv.
FROM python:3.11-slim-bookworm AS builder
RUN apt-get update --yes --quiet \
 && apt-get install --yes --quiet --no-install-recommends build-essential libjpeg62-turbo-dev zlib1g-dev libwebp-dev \
 && rm -rf /var/lib/apt/lists/* \
 && python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY requirements.txt /tmp/requirements.txt
RUN pip install --no-cache-dir --upgrade pip && pip install --no-cache-dir -r /tmp/requirements.txt

# Runtime stage: no compilers, a non-root user, static files collected at build time.
FROM python:3.11-slim-bookworm AS runtime
RUN apt-get update --yes --quiet \
 && apt-get install --yes --quiet --no-install-recommends libjpeg62-turbo libwebp7 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 portal
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    PORT=8000 \
    DJANGO_SETTINGS_MODULE=cms.settings.production
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY --chown=portal:portal . .
# A throwaway key only for collectstatic; the real one comes from the environment at run time.
RUN DJANGO_SECRET_KEY=collectstatic-only-not-a-secret python manage.py collectstatic --noinput -v0 \
 && mkdir -p /app/media && chown portal:portal /app/media
USER portal
EXPOSE 8000
# Migrations are a release step, not part of start-up:
#   docker run --rm --env-file portal.env IMAGE python manage.py migrate --noinput
#   docker run --rm --env-file portal.env IMAGE python manage.py provision_sites
# Wagtail's background tasks need a worker, a container of its own from the same image (docs/operator-guide.md):
#   docker run -d --env-file portal.env IMAGE python manage.py db_worker --no-reload
CMD ["sh", "-c", "exec gunicorn cms.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-4} --access-logfile -"]
