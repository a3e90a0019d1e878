'use strict';

// A stand-in for the shop's database and mail service: every call is asynchronous and takes a while, as a query or
// an HTTP call would.
const { setTimeout: delay } = require('node:timers/promises');

const users = new Map([
  ['1', { id: '1', name: 'Ada', email: 'ada@example.com', favourites: ['p1', 'p2', 'p3'] }],
  ['2', { id: '2', name: 'Linus', email: null, favourites: ['p2'] }],
]);

async function findUser(id) {
  await delay(5);
  return users.get(String(id)) ?? null;
}

async function listOrders(userId) {
  await delay(8);
  return [{ id: `o-${userId}-1`, userId, total: 42 }];
}

async function listNotifications(userId) {
  await delay(6);
  return [{ userId, text: 'Your order has shipped' }];
}

async function findProduct(id) {
  await delay(4);
  return { id, name: `Product ${id}`, price: 10 };
}

async function recordView(userId, productId) {
  await delay(2);
  return { userId, productId, at: Date.now() };
}

async function sendMail(to, subject) {
  await delay(10);
  return { to, subject };
}

module.exports = { findUser, listOrders, listNotifications, findProduct, recordView, sendMail };
