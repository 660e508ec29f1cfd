CREATE TYPE order_status AS ENUM ('open', 'paid', 'shipped');

CREATE TABLE orders (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  bigint NOT NULL REFERENCES customers (id),
    status       order_status NOT NULL DEFAULT 'open',
    placed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_lines (
    order_id     bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no      integer NOT NULL,
    sku          text NOT NULL,
    quantity     integer NOT NULL CHECK (quantity > 0),
    unit_price   numeric(12, 2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

INSERT INTO orders (customer_id, status) SELECT id, 'paid' FROM customers;
INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price)
SELECT id, 1, 'SKU-' || id, 2, 9.99 FROM orders;
