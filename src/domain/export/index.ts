export * from "./csv";
export * from "./formats";
export * from "./json";
export * from "./markdown";
