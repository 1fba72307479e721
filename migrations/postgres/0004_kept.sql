-- dabir's shared archive, version 4: a meeting's text that could not be saved
-- because another user saved the meeting meanwhile (a lease lost while the
-- network was down) is kept here, beside theirs, never thrown away.
CREATE TABLE kept (
    id      bigserial   PRIMARY KEY,
    meeting bigint      NOT NULL,
    who     text        NOT NULL,
    at      timestamptz NOT NULL DEFAULT now(),
    -- The archive's version the kept text was typed over.
    version bigint,
    data    jsonb       NOT NULL
);
CREATE INDEX kept_by_meeting ON kept (meeting, id);
