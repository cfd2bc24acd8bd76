# ACIP Tracker, production image: gunicorn behind whatever terminates HTTPS; static files served by WhiteNoise.
# Build and run with docker-compose.yml (PostgreSQL beside it); settings come from the environment (.env.example).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 1000 acip

# WeasyPrint (PDF documents) loads Pango and HarfBuzz's subsetter at run time, and needs a font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, so that a code change does not reinstall them. psycopg[binary] brings its own libpq.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# The hashed, compressed static files are part of the image. collectstatic needs a secret key to load the
# settings, not to do its work: this one exists only during this step.
RUN DJANGO_SECRET_KEY=collectstatic-only-not-a-secret python manage.py collectstatic --noinput

# The uploaded documents' folder, owned by the app's user (docker-compose.yml mounts the documents volume there).
RUN mkdir -p /data/documents && chown acip:acip /data/documents
USER acip
EXPOSE 8000
# Migrations on start (gunicorn waits for them) and the database cache's table, where the login and password-reset
# throttles count (createcachetable leaves an existing table alone), then three workers. Gunicorn 27 opens a
# control socket by default; the container needs none.
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py createcachetable && exec gunicorn acip.wsgi --bind 0.0.0.0:8000 --workers 3 --no-control-socket --access-logfile -"]
