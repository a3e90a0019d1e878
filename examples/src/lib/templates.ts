import { readFileSync } from 'node:fs';
import path from 'node:path';

const TEMPLATE_DIR = path.join(__dirname, '..', '..', 'views');

export interface Product {
  id: string;
  name: string;
}

// Called from route handlers in other files: its context is unknown here, so only the `strict` config reports it.
export async function renderProductPage(product: Product): Promise<string> {
  const template = readFileSync(path.join(TEMPLATE_DIR, 'product.html'), 'utf8');
  return template.replace('{{name}}', product.name).replace('{{id}}', product.id);
}
