# Foedus API on the embedded SQLite (set FOEDUS_DATABASE_URL for PostgreSQL).
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY app ./app
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 foedus
COPY --from=build /venv /venv
WORKDIR /srv/foedus
COPY --chown=foedus:foedus alembic.ini ./
COPY --chown=foedus:foedus migrations ./migrations
COPY --chown=foedus:foedus seed ./seed
ENV PATH=/venv/bin:$PATH \
    FOEDUS_DATABASE_URL=sqlite:////srv/foedus/data/foedus.db \
    FOEDUS_MIGRATIONS_DIR=/srv/foedus/migrations \
    FOEDUS_SEED_DIR=/srv/foedus/seed \
    FOEDUS_HOST=0.0.0.0
RUN mkdir data && chown foedus:foedus data
USER foedus
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["foedus", "serve"]
