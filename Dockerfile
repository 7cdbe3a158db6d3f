# copydesk serve in a container: the HTTP service and the page on port 8000.
#
#   docker build -t copydesk .
#   docker run --rm -p 127.0.0.1:8000:8000 copydesk
#   docker run --rm -p 8000:8000 -v "$PWD/token:/run/secrets/copydesk_token:ro" copydesk \
#       copydesk serve --host 0.0.0.0 --workers 2 --token-file /run/secrets/copydesk_token
#
# docs/serve.md says more (limits, a reverse proxy in front, a house rule pack).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    COPYDESK_CACHE_DIR=/tmp/copydesk-cache

WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY src ./src
COPY rules ./rules
RUN python -m pip install ".[serve,html]" && rm -rf /src

# Not root: the service needs no privilege, and reads nothing but its own package.
RUN useradd --system --uid 10001 --home-dir /nonexistent copydesk
USER copydesk
WORKDIR /tmp

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD python -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)" || exit 1

# Inside the container the service must listen on every interface for -p to reach it;
# publish the port on the host's loopback (-p 127.0.0.1:8000:8000) or give a token.
CMD ["copydesk", "serve", "--host", "0.0.0.0", "--port", "8000", "--no-config"]
