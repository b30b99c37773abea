import { createRoot } from 'react-dom/client';
import { App } from './App';
import { detectHost } from './host';

// Teams first (theme, language, sign-in), then the page; outside Teams the page runs on its own.
void detectHost().then((host) => {
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<App host={host} />);
});
