import { describe, expect, it } from 'vitest';
import { looksLikeHtml } from './sniff-payload.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('looksLikeHtml', () => {
  it.each([
    '<!DOCTYPE html><html>',
    '<!doctype html>',
    '<html lang="pt-BR">',
    '\r\n  \t<HTML>',
    '\uFEFF<!DOCTYPE html>',
  ])('flags `%s`', (text) => {
    expect(looksLikeHtml(bytes(text))).toBe(true);
  });

  it.each([
    '"DatGeracaoConjuntoDados";"NomEmpreendimento"',
    'DatGeracaoConjuntoDados;DscOrigem;NomTipoUsina',
    '<htm',
    '',
  ])('passes `%s`', (text) => {
    expect(looksLikeHtml(bytes(text))).toBe(false);
  });
});
