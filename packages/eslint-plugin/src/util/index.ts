export { createRule, DOCS_BASE_URL, type BackendPerfDocs } from './createRule.js';
export { planNamedImport, planPipelineImport, type ImportPlan, type NamedExport } from './fix/imports.js';
export { awaitNeedsParentheses } from './ast/parentheses.js';
export { nameOf } from './ast/names.js';
export { addOptionFix } from './fix/options.js';
export { UNKNOWN_CONTEXT_CALLS, unknownContextSchema } from './schemas.js';
