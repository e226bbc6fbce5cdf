// What scripts/write-templates.mjs needs from the TypeScript sources.
export { templates } from '../shared/templates/index';
export { saveDocument } from '../shared/graph/load';
