-- What each release's WIT says it exports and imports, for search and discovery by interface.
create table release_interfaces (
    release_id   bigint       not null references releases (id),
    direction    varchar(8)   not null,
    -- an interface id (ns:pkg/iface@version) or, for a world-level function, func:<name>
    item         varchar(300) not null,
    constraint pk_release_interfaces primary key (release_id, direction, item)
);
create index ix_release_interfaces_item on release_interfaces (item, direction);

-- the main WIT package of the release (ns:pkg@version), so interface packages can be found as deps
alter table releases add column wit_package varchar(300);
