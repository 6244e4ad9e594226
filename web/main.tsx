import { render } from 'preact';
import { App } from './app.js';
import { settings } from './settings.js';
import './styles.css';

// Through the CSSOM, which the Content-Security-Policy allows (an inline style it would not).
document.documentElement.style.setProperty('--primary', settings.primaryColor);
render(<App />, document.getElementById('app')!);
