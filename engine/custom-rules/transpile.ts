/** TypeScript → CommonJS-style JavaScript for the sandbox (types erased, nothing resolved). */
import ts from 'typescript';

export function transpileRule(file: string, code: string): string {
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
