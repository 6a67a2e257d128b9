# StrataDB container image (packaging/README.md).
# Build stage: the project's own build and its Debian package (scripts/build_deb.sh).
# Runtime stage: bookworm-slim with that package installed by apt, which pulls
# its computed Depends; psql and pg_isready for the entrypoint and HEALTHCHECK.
FROM debian:bookworm AS build
WORKDIR /src
COPY . .
RUN scripts/setup.sh && scripts/build_deb.sh && cp build/deb/stratadb_*.deb /stratadb.deb

FROM debian:bookworm-slim
COPY --from=build /stratadb.deb /tmp/stratadb.deb
RUN apt-get update \
    && apt-get install -y --no-install-recommends /tmp/stratadb.deb postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/* /tmp/stratadb.deb \
    && mkdir -p /var/lib/stratadb/data /docker-entrypoint-initdb.d \
    && chown stratadb:stratadb /var/lib/stratadb/data && chmod 0700 /var/lib/stratadb/data
COPY packaging/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
# The package created the stratadb system user; the server never runs as root.
USER stratadb
ENV PGDATA=/var/lib/stratadb/data
VOLUME /var/lib/stratadb/data
EXPOSE 5432
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s \
  CMD pg_isready -h 127.0.0.1 -p 5432 -q || exit 1
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["stratad", "-h", "*", "-k", "/tmp"]
