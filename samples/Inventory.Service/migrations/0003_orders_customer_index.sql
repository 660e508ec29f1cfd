-- migrate:no-transaction
-- migrate:lock-timeout 5s
-- Built concurrently so that writes to orders are not blocked while the index builds;
-- CREATE INDEX CONCURRENTLY cannot run inside a transaction, hence the directive.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);
