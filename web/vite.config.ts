import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// During `npm run dev -w web`, API calls go to a Tessera server on port 3000.
const apiTarget = process.env.TESSERA_API ?? "http://127.0.0.1:3000";
const proxy = {
  "/api": { target: apiTarget, changeOrigin: false },
  "/healthz": { target: apiTarget, changeOrigin: false },
};

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // The content security policy allows no data: URLs and no inline code, so every
    // asset is a file and there is no inline module-preload polyfill.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { proxy },
  preview: { proxy },
});
