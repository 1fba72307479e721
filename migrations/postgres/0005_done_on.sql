-- dabir's shared archive, version 5: the date each resolution was done (its
-- last follow-up that set it done), so the dashboard's figures come from the
-- resolutions table without reading a meeting. Filled by dabir when applied.
ALTER TABLE resolutions ADD COLUMN done_on date;
