// Vite's client types: lets TypeScript accept `import './styles.css'` and friends.
/// <reference types="vite/client" />
