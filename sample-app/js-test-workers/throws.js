// The handler throws: the run fails (500 page), the message and stack go to the log.
function checkOrder(order) {
  if (!order.items) {
    throw new TypeError(`order ${order.id} has no items`);
  }
  return order;
}

addEventListener("fetch", (event) => {
  checkOrder({ id: 7 });
  event.respondWith(new Response("unreachable"));
});
