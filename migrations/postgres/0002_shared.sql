-- dabir's shared archive, version 2: several dabir processes on one archive.

-- A meeting being edited is leased to one process; the others see who holds
-- it and may only read it. A lease not renewed by its `expires` (a process
-- that crashed, a network that dropped) is free for the next editor.
CREATE TABLE leases (
    meeting bigint      PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    -- The user name others are shown: «در حال ویرایش توسط …».
    holder  text        NOT NULL,
    -- The holding process (user, host, pid and a random part).
    token   text        NOT NULL,
    since   timestamptz NOT NULL DEFAULT now(),
    expires timestamptz NOT NULL
);

-- Every saved change: who, when, what, and the meeting's version it made.
CREATE TABLE audit (
    id      bigserial   PRIMARY KEY,
    at      timestamptz NOT NULL DEFAULT now(),
    who     text        NOT NULL,
    kind    text        NOT NULL,
    record  bigint      NOT NULL,
    action  text        NOT NULL,
    version bigint
);
CREATE INDEX audit_by_record ON audit (kind, record, id);
