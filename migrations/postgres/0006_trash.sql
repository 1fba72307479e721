-- dabir's shared archive, version 6: the trash. A draft meeting or an unused
-- body deleted goes here, as the JSON it had, until it is restored or purged.
CREATE TABLE trash (
    id      bigint      PRIMARY KEY,
    -- `meeting` or `body`.
    kind    text        NOT NULL,
    deleted timestamptz NOT NULL,
    -- A meeting's version when it was deleted; it goes on from there.
    version bigint,
    data    jsonb       NOT NULL
);
