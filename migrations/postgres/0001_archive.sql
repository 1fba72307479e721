-- dabir's shared archive on PostgreSQL, version 1: every record as the JSON of
-- its type (the same shape as the backup file), with the columns the queries
-- of a shared archive will filter on beside it.

CREATE TABLE meta (
    key   text PRIMARY KEY,
    value bigint NOT NULL
);

CREATE TABLE bodies (
    id   bigint PRIMARY KEY,
    name text   NOT NULL,
    data jsonb  NOT NULL
);

CREATE TABLE people (
    id   bigint PRIMARY KEY,
    name text   NOT NULL,
    data jsonb  NOT NULL
);

CREATE TABLE units (
    id   bigint PRIMARY KEY,
    name text   NOT NULL,
    data jsonb  NOT NULL
);

CREATE TABLE meetings (
    id      bigint  PRIMARY KEY,
    body    bigint  NOT NULL REFERENCES bodies (id),
    number  integer NOT NULL,
    date    date    NOT NULL,
    -- draft or final (the JSON's `state`), for lists that read no document.
    state   text    NOT NULL,
    -- Every save checks and raises it, so no edit silently overwrites another.
    version bigint  NOT NULL DEFAULT 1,
    data    jsonb   NOT NULL
);
CREATE INDEX meetings_by_date ON meetings (date DESC, id DESC);
CREATE INDEX meetings_by_body ON meetings (body, number);

-- One row per resolution, for the pending list, the dashboard and reports.
CREATE TABLE resolutions (
    meeting     bigint   NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    key         integer  NOT NULL,
    number      integer  NOT NULL,
    text        text     NOT NULL,
    status      text     NOT NULL,
    -- The current deadline (the latest extension's, else the approved one).
    deadline    date,
    approved    date,
    extensions  integer  NOT NULL,
    responsible bigint[] NOT NULL,
    executor    bigint,
    -- Responsible units and the executor: who letters go to.
    units       bigint[] NOT NULL,
    PRIMARY KEY (meeting, key)
);
CREATE INDEX resolutions_open_by_deadline ON resolutions (deadline)
    WHERE status IN ('open', 'in-progress', 'extended');
CREATE INDEX resolutions_by_unit ON resolutions USING gin (units);

CREATE TABLE letters (
    id   bigint PRIMARY KEY,
    data jsonb  NOT NULL
);
