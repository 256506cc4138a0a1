-- H2 (embedded default): search scores substring matches (H2Search); no extra index helps LIKE '%x%'
-- at the embedded scale, so this only records that the search schema is in place.
create index ix_package_search_full_name on package_search (full_name);
