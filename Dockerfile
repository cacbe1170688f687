# Foedus API: SQLite in a volume by default; set FOEDUS_DATABASE_URL for PostgreSQL.
# Plain Python: the slim image installs it with pip alone.
FROM python:3.11-slim
RUN useradd --create-home --uid 10001 foedus
WORKDIR /srv/foedus
COPY pyproject.toml README.md ./
COPY app ./app
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir . && rm -rf app pyproject.toml README.md
COPY --chown=10001:10001 alembic.ini ./
COPY --chown=10001:10001 migrations ./migrations
COPY --chown=10001:10001 seed ./seed
ENV PATH=/venv/bin:$PATH \
    FOEDUS_DATABASE_URL=sqlite:////srv/foedus/data/foedus.db \
    FOEDUS_MIGRATIONS_DIR=/srv/foedus/migrations \
    FOEDUS_SEED_DIR=/srv/foedus/seed \
    FOEDUS_HOST=0.0.0.0 \
    FOEDUS_PORT=8000
RUN mkdir data && chown 10001:10001 data
VOLUME ["/srv/foedus/data"]
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"]
CMD ["foedus", "serve"]
