/** TypeScript → CommonJS-style JavaScript for the sandbox (types erased, nothing resolved). */
type TypeScript = typeof import('typescript');

/** TypeScript, loaded only when there are custom rules. */
export async function loadTypeScript(): Promise<TypeScript> {
  return (await import('typescript')).default;
}

export function transpileRule(ts: TypeScript, file: string, code: string): string {
  const out = ts.transpileModule(code, {
    fileName: file,
    reportDiagnostics: false,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      esModuleInterop: false,
      sourceMap: false,
      removeComments: true,
    },
  });
  return out.outputText;
}
