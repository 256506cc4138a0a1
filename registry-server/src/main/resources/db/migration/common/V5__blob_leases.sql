-- A publish leases the digests it is about to store, in a committed transaction, before it stores
-- them. The blob collector deletes an unreferenced blob only while it holds that digest's lease row
-- locked (inserting one if there is none), so a publish that reuses a stored blob and the deletion of
-- that blob can never interleave.
create table blob_leases (
    digest      varchar(71)              primary key,
    lease_until timestamp with time zone not null
);

-- the collector asks, per blob, whether any release refers to it
create index ix_releases_manifest on releases (manifest_digest);
