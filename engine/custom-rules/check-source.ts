/**
 * Static check of a custom rule's source: parse it with typescript-estree
 * and reject, with file:line:column and a reason, anything outside the safe
 * subset (see forbidden.ts). Returns the problems; none means it may run.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { InputError } from '../model/finding.js';
import { API_MODULES, FORBIDDEN_NAMES, FORBIDDEN_PROPERTIES } from './forbidden.js';

type Node = TSESTree.Node;

type Estree = typeof import('@typescript-eslint/typescript-estree');

/** The parser, loaded once and only when there are custom rules (it pulls in TypeScript). */
export async function loadEstree(): Promise<Estree> {
  return import('@typescript-eslint/typescript-estree');
}

export function checkRuleSource(estree: Estree, file: string, code: string): InputError[] {
  const { parse, simpleTraverse, TSError } = estree;
  let ast: TSESTree.Program;
  try {
    ast = parse(code, { loc: true, range: true, jsx: false, comment: false, filePath: file });
  } catch (error) {
    if (error instanceof TSError) {
      return [{ file, line: error.location.start.line, column: error.location.start.column + 1, message: `the rule does not parse: ${error.message}` }];
    }
    throw error;
  }
  const problems: InputError[] = [];
  const reject = (node: Node, message: string) =>
    problems.push({ file, line: node.loc.start.line, column: node.loc.start.column + 1, message });

  simpleTraverse(ast, {
    enter(node: Node, parent: Node | undefined) {
      switch (node.type) {
        case 'ImportDeclaration':
        case 'ExportAllDeclaration':
          if (!API_MODULES.has(node.source.value)) reject(node.source, `importing "${node.source.value}" is not allowed; rules may import only from "caplint"`);
          break;
        case 'ExportNamedDeclaration':
          if (node.source && !API_MODULES.has(node.source.value)) reject(node.source, `re-exporting "${node.source.value}" is not allowed`);
          break;
        case 'ImportExpression':
          reject(node, 'dynamic import() is not allowed');
          break;
        case 'TSImportEqualsDeclaration':
        case 'TSExternalModuleReference':
          reject(node, 'import = require() is not allowed');
          break;
        case 'WithStatement':
          reject(node, '"with" is not allowed');
          break;
        case 'MetaProperty':
          reject(node, `${node.meta.name}.${node.property.name} is not allowed`);
          break;
        case 'Identifier':
          checkIdentifier(node, parent, reject);
          break;
        case 'MemberExpression':
          checkMember(node, reject);
          break;
        case 'Literal':
          if (typeof node.value === 'string' && FORBIDDEN_PROPERTIES.has(node.value) && parent?.type !== 'ImportDeclaration')
            reject(node, `the string "${node.value}" is not allowed: ${FORBIDDEN_PROPERTIES.get(node.value)}`);
          break;
        default:
          break;
      }
    },
  }, true);
  return problems;
}

function checkIdentifier(node: TSESTree.Identifier, parent: Node | undefined, reject: (n: Node, m: string) => void): void {
  // A property name after a dot, an object key, or a type position is not a reference.
  if (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed) return;
  if (parent?.type === 'Property' && parent.key === node && !parent.computed && !parent.shorthand) return;
  if (parent?.type?.startsWith('TS') && !isValuePosition(node, parent)) return;
  if (parent?.type === 'ImportSpecifier' || parent?.type === 'ImportDefaultSpecifier' || parent?.type === 'ImportNamespaceSpecifier') return;
  const why = FORBIDDEN_NAMES.get(node.name) ?? FORBIDDEN_PROPERTIES.get(node.name);
  if (why) reject(node, `"${node.name}" is not allowed: ${why}`);
}

/** TypeScript nodes that hold a value (casts, assertions, enum initialisers, `export =`): a name there is a reference. */
const VALUE_HOLDERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TSInstantiationExpression', 'TSExportAssignment']);

function isValuePosition(node: TSESTree.Identifier, parent: Node): boolean {
  if (VALUE_HOLDERS.has(parent.type)) return true;
  if (parent.type === 'TSEnumMember') return parent.initializer === node;
  return false;
}

/** `x["globalThis"]`, `x[`process`]`: a computed key that spells a forbidden name. */
function spelledKey(key: Node): string | undefined {
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

function checkMember(node: TSESTree.MemberExpression, reject: (n: Node, m: string) => void): void {
  if (!node.computed && node.property.type === 'Identifier') {
    const why = FORBIDDEN_PROPERTIES.get(node.property.name);
    if (why) reject(node.property, `".${node.property.name}" is not allowed: ${why}`);
    return;
  }
  if (node.computed) {
    const key = node.property;
    const spelled = spelledKey(key);
    const named = spelled === undefined ? undefined : FORBIDDEN_NAMES.get(spelled);
    if (named) reject(key, `the computed name "${spelled}" is not allowed: ${named}`);
    const literal = key.type === 'Literal' && (typeof key.value === 'number' || typeof key.value === 'string');
    const indexLike = key.type === 'Identifier' || key.type === 'BinaryExpression' || key.type === 'UpdateExpression' || key.type === 'MemberExpression' || key.type === 'TemplateLiteral' || literal;
    if (!indexLike) reject(key, 'this computed property access is not allowed; index with a name, a number or a string literal');
  }
}
