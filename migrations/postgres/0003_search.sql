-- dabir's shared archive, version 3: search. Each meeting's words, normalised
-- by dabir itself as its folder's index normalises them (ي/ی, ك/ک, ZWNJ,
-- digits), so a query finds on the archive what it finds in a folder. A query
-- word matches every word it is a prefix of: the pattern index serves
-- `word LIKE 'prefix%'` whatever the database's collation.
CREATE TABLE search_words (
    word    text   NOT NULL,
    meeting bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    PRIMARY KEY (meeting, word)
);
CREATE INDEX search_words_by_prefix ON search_words (word text_pattern_ops);
