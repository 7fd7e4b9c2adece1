/**
 * Org settings → AI assistant, as the demo owner: field-level errors from the shared schema (model
 * missing) and from the server (a loopback base URL is refused: the e2e server does not set
 * AI_ALLOW_PRIVATE_BASE_URLS), nothing saved; then an OpenAI-compatible endpoint saved with a key
 * that never comes back to the browser (only its last 4 characters). Restored to the server's
 * default at the end, with the key removed, so the assistant specs are unaffected.
 */
import { expect, test } from "@playwright/test";
import { demoLogin, signIn, snap } from "../helpers";
import { skipTourWhenShown } from "../support/e2e";

const SECRET = "sk-e2e-model-secret-9x7Q";

test("an owner points the assistant at an OpenAI-compatible API; the key stays on the server", async ({
  page,
}, testInfo) => {
  const { org } = demoLogin();
  await skipTourWhenShown(page);
  await signIn(page);
  await page.goto(`/o/${org}/settings/ai`);
  await expect(page).toHaveTitle(/AI assistant/);
  await expect(page.getByRole("heading", { name: "AI assistant", level: 1 })).toBeVisible();

  const save = page.getByRole("button", { name: "Save", exact: true });
  await page.getByLabel("Provider").selectOption("openai");
  const model = page.getByLabel("Model");
  const baseUrl = page.getByLabel("Base URL");
  await model.fill("");
  await baseUrl.fill("http://127.0.0.1:11434/v1");
  await page.getByLabel("API key").fill(SECRET);
  await save.click();
  await expect(page.getByText("Enter the model name")).toBeVisible();
  await expect(model).toHaveAttribute("aria-invalid", "true");

  // The server refuses a loopback address for an admin's base URL, at the field.
  await model.fill("llama3.1");
  await save.click();
  await expect(page.getByText(/Use an https:\/\/ address/)).toBeVisible();
  await expect(baseUrl).toHaveAttribute("aria-invalid", "true");
  await snap(page, testInfo, "ai-10-errors");

  await baseUrl.fill("https://models.example.invalid/v1");
  await save.click();
  await expect(page.getByText("AI settings saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Provider")).toHaveValue("openai");
  await expect(model).toHaveValue("llama3.1");
  await expect(baseUrl).toHaveValue("https://models.example.invalid/v1");
  await expect(page.getByLabel("API key")).toHaveValue("");
  await expect(page.getByText(/A key is stored \(encrypted, ending in …9x7Q\)/)).toBeVisible();
  expect(await page.content()).not.toContain(SECRET);
  await snap(page, testInfo, "ai-11-saved");

  // Back to the server's default, key removed.
  await page.getByLabel("Provider").selectOption("default");
  await page.getByLabel("Remove the stored key").check();
  await save.click();
  await expect(page.getByText("AI settings saved")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Provider")).toHaveValue("default");
  await expect(page.getByLabel("Remove the stored key")).toHaveCount(0);
});
