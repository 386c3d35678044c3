// The back office (/admin/*), loaded only when a staff member opens it. `meta.area` names what a role must be
// allowed to open (lib/admin/access.ts); AdminLayout checks it.
import type { RouteRecordRaw } from 'vue-router'

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin/sign-in',
    name: 'admin-sign-in',
    component: () => import('./AdminSignInView.vue'),
    meta: { title: 'admin.signIn.title' },
  },
  {
    path: '/admin/setup',
    name: 'admin-setup',
    component: () => import('./AdminSetupView.vue'),
    meta: { title: 'admin.setup.title' },
  },
  {
    path: '/admin',
    component: () => import('./AdminLayout.vue'),
    children: [
      { path: '', name: 'admin', component: { render: () => null }, meta: { title: 'admin.title' } },
      {
        path: 'dashboard',
        name: 'admin-dashboard',
        component: () => import('./AdminDashboardView.vue'),
        meta: { title: 'admin.dashboard.title', area: 'dashboard' },
      },
      {
        path: 'applications',
        name: 'admin-applications',
        component: () => import('./AdminApplicationsView.vue'),
        meta: { title: 'admin.list.title', area: 'applications' },
      },
      {
        path: 'applications/:id',
        name: 'admin-application',
        component: () => import('./AdminApplicationView.vue'),
        meta: { title: 'admin.list.title', area: 'applications' },
      },
      {
        path: 'sessions',
        name: 'admin-sessions',
        component: () => import('./AdminSessionsView.vue'),
        meta: { title: 'admin.sessions.title', area: 'sessions' },
      },
      {
        path: 'selection',
        name: 'admin-selection',
        component: () => import('./AdminSelectionView.vue'),
        meta: { title: 'admin.selection.title', area: 'selection' },
      },
      {
        path: 'learning',
        name: 'admin-learning',
        component: () => import('./AdminLearningView.vue'),
        meta: { title: 'learning.admin.progressTitle', area: 'learning' },
      },
      {
        path: 'learning/questionnaire',
        name: 'admin-questionnaire',
        component: () => import('./AdminQuestionnaireView.vue'),
        meta: { title: 'learning.admin.builder.title', area: 'learning' },
      },
      {
        path: 'results',
        name: 'admin-results',
        component: () => import('./AdminLearningResultsView.vue'),
        meta: { title: 'learning.admin.resultsTitle', area: 'results' },
      },
      {
        path: 'users',
        name: 'admin-users',
        component: () => import('./AdminUsersView.vue'),
        meta: { title: 'admin.users.title', area: 'users' },
      },
      {
        path: 'audit',
        name: 'admin-audit',
        component: () => import('./AdminAuditView.vue'),
        meta: { title: 'admin.audit.title', area: 'audit' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'admin-not-found',
        component: () => import('../../components/admin/AdminNotFound.vue'),
        meta: { title: 'notFound.title' },
      },
    ],
  },
]
