-- Witness cosignatures of the log's checkpoint (docs/transparency.md#witnesses): the newest one per
-- configured witness key. Served appended to the checkpoint only while its tree size is the current one.
create table tlog_cosignatures (
    witness varchar(1024) primary key,
    size    bigint        not null check (size >= 1),
    line    varchar(2048) not null
);
