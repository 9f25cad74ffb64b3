-- The tables schemas/tailers.yaml maps into the `users` and `user-connections` topics (docs/tailer.md).
CREATE TYPE account_status AS ENUM ('ACTIVE', 'SUSPENDED', 'DELETED');
CREATE TYPE connection_kind AS ENUM ('FOLLOW', 'MUTE', 'BLOCK');

CREATE TABLE users (
  id             uuid PRIMARY KEY,
  username       text NOT NULL,
  display_name   text NOT NULL,
  email          text,
  bio            text,
  status         account_status NOT NULL DEFAULT 'ACTIVE',
  verified       boolean NOT NULL DEFAULT false,
  follower_count bigint NOT NULL DEFAULT 0,
  interests      text[] NOT NULL DEFAULT '{}',
  settings       jsonb NOT NULL DEFAULT '{}',
  avatar         bytea,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_connections (
  follower_id uuid NOT NULL,
  followee_id uuid NOT NULL,
  kind        connection_kind NOT NULL DEFAULT 'FOLLOW',
  since       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_id, followee_id)
);
