"use client";

// A project page that failed: the same message as the org's pages, inside the project's layout.
export { default } from "@/app/o/[orgSlug]/error";
