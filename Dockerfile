# StrataDB container image: build stage on Debian bookworm, slim runtime stage.
FROM debian:bookworm AS build
WORKDIR /src
COPY . .
RUN scripts/setup.sh && scripts/build.sh release stratad

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
      libprotobuf-c1 liblz4-1 libxxhash0 liburing2 libfmt9 libssl3 postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/stratadb stratadb \
    && mkdir -p /var/lib/stratadb/data && chown -R stratadb /var/lib/stratadb
COPY --from=build /src/build/server/stratad /usr/bin/stratad
USER stratadb
VOLUME /var/lib/stratadb/data
EXPOSE 5432
HEALTHCHECK CMD pg_isready -h 127.0.0.1 -p 5432 || exit 1
CMD ["stratad", "-D", "/var/lib/stratadb/data", "-h", "*", "-k", "/tmp"]
