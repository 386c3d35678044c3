// The pages. Later parts of the system add their own areas here: /admin/* (secretariat), /portal/*
// (participants) and /practice (simulator) — each as a lazily loaded group of routes.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import HomeView from './views/HomeView.vue'
import { adminRoutes } from './views/admin/routes'

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { title: 'nav.program' } },
  {
    path: '/sessions/:id',
    name: 'session',
    component: () => import('./views/SessionView.vue'),
    meta: { title: 'nav.program' },
  },
  { path: '/apply', name: 'apply', component: () => import('./views/ApplyView.vue'), meta: { title: 'apply.title' } },
  {
    path: '/apply/done',
    name: 'apply-done',
    component: () => import('./views/ApplyDoneView.vue'),
    meta: { title: 'apply.done.title' },
  },
  { path: '/manage', name: 'manage', component: () => import('./views/ManageView.vue'), meta: { title: 'manage.title' } },
  { path: '/practice', name: 'practice', component: () => import('./pages/sim/SimPage.vue'), meta: { title: 'nav.practice', wide: true } },
  {
    path: '/draws',
    name: 'draws',
    component: () => import('./views/DrawsView.vue'),
    meta: { title: 'selection.draws.title' },
  },
  { path: '/privacy', name: 'privacy', component: () => import('./views/PrivacyView.vue'), meta: { title: 'privacy.title' } },
  {
    path: '/sign-in/email',
    name: 'sign-in-email',
    component: () => import('./views/SignInEmailView.vue'),
    meta: { title: 'learning.signIn.title' },
  },
  { path: '/portal', name: 'portal', component: () => import('./views/portal/PortalView.vue'), meta: { title: 'learning.portal.title' } },
  {
    path: '/portal/lectures/:id',
    name: 'portal-lecture',
    component: () => import('./views/portal/PortalLectureView.vue'),
    meta: { title: 'learning.portal.title' },
  },
  {
    path: '/portal/quizzes/:id',
    name: 'portal-quiz',
    component: () => import('./views/portal/PortalQuizView.vue'),
    meta: { title: 'learning.portal.quiz' },
  },
  {
    path: '/portal/questionnaires/:phase',
    name: 'portal-questionnaire',
    component: () => import('./views/portal/PortalQuestionnaireView.vue'),
    meta: { title: 'learning.portal.questionnaires' },
  },
  ...adminRoutes,
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./views/NotFoundView.vue'),
    meta: { title: 'notFound.title' },
  },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
  // The management page's fragment is a secret token, not an anchor: never scroll to it.
  scrollBehavior(to, from, saved) {
    if (saved) return saved
    if (to.path === from.path) return false
    return { top: 0 }
  },
})
