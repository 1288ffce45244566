/**
 * What the bundle (scripts/bundle.mjs) loads for `jsonc-parser`: the same
 * exports, but the package itself is initialised on first use. On load it
 * builds caches of about 1,200 whitespace strings, a third of what a short
 * audit allocates, and an audit of valid JSON never calls it (it describes
 * syntax errors and reads JSON with comments).
 */
'use strict';

/** Every export of jsonc-parser 3 (test/startup/bundle-shims.test.ts checks the list against the package). */
const NAMES = ['createScanner', 'ScanError', 'SyntaxKind', 'getLocation', 'parse', 'parseTree', 'findNodeAtLocation', 'findNodeAtOffset', 'getNodePath', 'getNodeValue', 'visit', 'stripComments', 'ParseErrorCode', 'printParseErrorCode', 'format', 'modify', 'applyEdits'];

let loaded;
// A relative path: the bundler's alias for the package name must not apply to this require.
const lib = () => (loaded ??= require('../../node_modules/jsonc-parser/lib/esm/main.js'));
for (const name of NAMES) Object.defineProperty(exports, name, { enumerable: true, get: () => lib()[name] });
exports.NAMES = NAMES;
