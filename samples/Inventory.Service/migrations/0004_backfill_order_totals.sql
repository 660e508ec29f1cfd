-- migrate:statement-timeout 2min
-- migrate:lock-timeout 5s
-- migrate:allow set-not-null orders is days old and small in this sample, so the scan under the lock is instant
-- Denormalize the order total so that listing orders does not sum lines every time.
ALTER TABLE orders ADD COLUMN total numeric(12, 2);

UPDATE orders o
SET total = t.total
FROM (
    SELECT order_id, sum(quantity * unit_price) AS total
    FROM order_lines
    GROUP BY order_id
) AS t
WHERE t.order_id = o.id;

UPDATE orders SET total = 0 WHERE total IS NULL;
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
