-- The demo table kup writes to (the demo's DemoDatabase creates the same one): rows 1..1000, all
-- at version 0, which is what deploy/compose/load/updates.jsonl expects (LoadFileTest checks the
-- row count). Run once by the postgres image, on the first start with an empty data volume.
CREATE TABLE accounts (
  id BIGINT PRIMARY KEY,
  balance NUMERIC(14,2) NOT NULL,
  status VARCHAR(16) NOT NULL,
  points BIGINT NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  version BIGINT NOT NULL
);

INSERT INTO accounts SELECT g, 100.00, 'new', 0, now(), 0 FROM generate_series(1, 1000) g;

ANALYZE accounts;
