-- Search and browse. Per-package download totals, and a projection of each package's latest
-- non-yanked release that search reads (rebuilt by the registry on publish, yank and unyank).
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode; each database adds its own indexes
-- in V4 under db/migration/postgresql or db/migration/h2.

alter table packages add column downloads bigint not null default 0;
update packages set downloads = (select coalesce(sum(r.downloads), 0) from releases r where r.package_id = packages.id);
create index ix_packages_downloads on packages (downloads);

create table package_search (
    package_id         bigint                   not null primary key references packages (id),
    namespace          varchar(63)              not null,
    name               varchar(63)              not null,
    full_name          varchar(127)             not null,
    kind               varchar(16)              not null,
    latest_release_id  bigint                   not null references releases (id),
    version            varchar(128)             not null,
    description        varchar(2000),
    -- space-separated, as in the latest release's manifest
    keywords           varchar(1000)            not null,
    -- space-separated export and import items of the latest release (interface ids, func:name)
    exports            varchar(65536)           not null,
    imports            varchar(65536)           not null,
    -- the words of those ids (namespace, package, interface names), what text search matches
    export_terms       varchar(65536)           not null,
    import_terms       varchar(65536)           not null,
    key_id             varchar(32)              not null,
    updated_at         timestamp with time zone not null,
    -- a copy of packages.downloads, so that search never joins packages (kept by the download counter)
    downloads          bigint                   not null default 0
);
create index ix_package_search_namespace on package_search (namespace);
create index ix_package_search_updated on package_search (updated_at, full_name);
create index ix_package_search_downloads on package_search (downloads, full_name);

-- Interfaces exported by each package's latest release, for the interface filter and discovery.
create table package_search_exports (
    package_id  bigint       not null references package_search (package_id) on delete cascade,
    -- ns:pkg/iface@version as exported; interface_name is the same without @version
    item            varchar(300) not null,
    interface_name  varchar(300) not null,
    interface_version varchar(128),
    constraint pk_package_search_exports primary key (package_id, item)
);
create index ix_package_search_exports_name on package_search_exports (interface_name);
create index ix_package_search_exports_item on package_search_exports (item);
