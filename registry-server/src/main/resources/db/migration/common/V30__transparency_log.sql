-- The transparency log (docs/transparency.md). Entries are appended in the transaction of the change
-- they record, one sequencer at a time (PostgreSQL: an advisory lock; H2: this head row, locked).
-- The head is the tree size and root after the last append.
create table tlog_head (
    id   smallint primary key check (id = 1),
    size bigint   not null,
    root bytea
);
insert into tlog_head (id, size, root) values (1, 0, null);

-- entry i's canonical bytes (protocol's LogEntry); at most 65535 bytes, the entry bundle's limit
create table tlog_entries (
    idx  bigint primary key check (idx >= 0),
    data bytea  not null
);

-- the hash of every complete subtree: level 0 are the leaf hashes, and the node at (level, idx)
-- covers leaves idx * 2^level up to (idx + 1) * 2^level. Written once, never changed: any proof
-- or tile is read from here with O(log n) rows.
create table tlog_hashes (
    level smallint not null,
    idx   bigint   not null,
    hash  bytea    not null,
    primary key (level, idx)
);

-- the log entry of each release's publish (null for releases published before the log existed)
alter table releases add column tlog_index bigint;
