-- Keep orders.total in step with its lines.
CREATE FUNCTION refresh_order_total() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orders
    SET total = (SELECT coalesce(sum(quantity * unit_price), 0) FROM order_lines WHERE order_id = NEW.order_id)
    WHERE id = NEW.order_id;
    RETURN NEW;
END;
$$;

CREATE TRIGGER order_lines_refresh_total
AFTER INSERT OR UPDATE ON order_lines
FOR EACH ROW EXECUTE FUNCTION refresh_order_total();
