-- PostgreSQL: weighted full-text search over the search projection, and trigram similarity on
-- names for typos when the pg_trgm extension can be had.
--   A name   B keywords, exported interfaces   C namespace, description (English stemming)   D imports
alter table package_search add column document tsvector generated always as (
    setweight(to_tsvector('simple', name), 'A') ||
    setweight(to_tsvector('simple', keywords), 'B') ||
    setweight(to_tsvector('simple', export_terms), 'B') ||
    setweight(to_tsvector('simple', namespace), 'C') ||
    setweight(to_tsvector('english', coalesce(description, '')), 'C') ||
    setweight(to_tsvector('simple', import_terms), 'D')
) stored;
create index ix_package_search_document on package_search using gin (document);
create index ix_package_search_full_name on package_search (full_name);
create index ix_package_search_name on package_search (name);

-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension, but a managed database may
-- refuse it: then search goes on with full-text only (PostgresSearch looks for the extension).
-- It is put in public, once per database, so schemas of their own (tests, benchmarks) share it.
do $$
declare
    ext_schema text;
begin
    begin
        create extension if not exists pg_trgm with schema public;
    exception when others then
        raise notice 'pg_trgm is not available (%); search uses full-text only', sqlerrm;
    end;
    select n.nspname into ext_schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
        where e.extname = 'pg_trgm';
    if ext_schema is not null then
        execute format('create index ix_package_search_name_trgm on package_search using gin (name %I.gin_trgm_ops)', ext_schema);
    end if;
end $$;
